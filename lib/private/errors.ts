/**
 * A file that is not a Terraform JSON configuration at all (not an object, no Terraform
 * top-level key, or a `resource`/`data` block of the wrong type). Malformed content inside a
 * resource body never raises it: the adapter marks such values unknown instead.
 */
export class UnusableInputError extends Error {
  constructor(public readonly file: string, public readonly problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'UnusableInputError';
    // Keeps `instanceof` working when the class is compiled to ES5-style constructors.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
