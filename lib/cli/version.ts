import * as fs from 'fs';
import * as path from 'path';

/** The version in package.json, read at run time: lib/cli is two levels below the package root, compiled or not. */
export function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return manifest.version;
}
