import { LeftOut, Rule } from './rule';

export const ipsecRules: Rule[] = [];

export const ipsecLeftOut: LeftOut[] = [];
