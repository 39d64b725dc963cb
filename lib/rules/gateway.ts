import { LeftOut, Rule } from './rule';

export const gatewayRules: Rule[] = [];

export const gatewayLeftOut: LeftOut[] = [];
