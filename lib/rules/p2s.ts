import { LeftOut, Rule } from './rule';

export const p2sRules: Rule[] = [];

export const p2sLeftOut: LeftOut[] = [];
