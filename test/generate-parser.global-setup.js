'use strict';
// Generates the expression parser (lib/terraform-json/expression-parser.generated.ts) from its
// grammar before any test loads it; the build does the same before jsii.
module.exports = () => require('../scripts/generate-parser')();
