import { LeftOut, Rule } from './rule';

export const bgpRules: Rule[] = [];

export const bgpLeftOut: LeftOut[] = [];
