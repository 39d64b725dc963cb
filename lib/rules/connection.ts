import { LeftOut, Rule } from './rule';

export const connectionRules: Rule[] = [];

export const connectionLeftOut: LeftOut[] = [];
