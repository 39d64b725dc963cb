import { LeftOut, Rule } from './rule';

export const natRules: Rule[] = [];

export const natLeftOut: LeftOut[] = [];
