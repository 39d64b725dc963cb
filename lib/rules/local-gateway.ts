import { LeftOut, Rule } from './rule';

export const localGatewayRules: Rule[] = [];

export const localGatewayLeftOut: LeftOut[] = [];
