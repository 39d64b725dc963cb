import { LeftOut, Rule } from './rule';

export const peeringRules: Rule[] = [];

export const peeringLeftOut: LeftOut[] = [];
