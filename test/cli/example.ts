import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_DIR, write } from './support';

/** The hand-written hub-and-spoke example, file by file, as plain JSON objects. */
export type ExampleFiles = Record<string, Json>;
// Tests reach into the example with literal paths; a loose type keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function loadExample(): ExampleFiles {
  const files: ExampleFiles = {};
  for (const name of fs.readdirSync(EXAMPLE_DIR).filter((f) => f.endsWith('.tf.json')).sort()) {
    files[name] = JSON.parse(fs.readFileSync(path.join(EXAMPLE_DIR, name), 'utf-8'));
  }
  return files;
}

/** Writes the example, changed by `mutate`, into `directory` and returns the directory. */
export function writeExample(directory: string, mutate: (files: ExampleFiles) => void = () => undefined): string {
  const files = loadExample();
  mutate(files);
  for (const [name, content] of Object.entries(files)) write(directory, name, content);
  return directory;
}

/** All files merged into one configuration object (resource blocks merged by type). */
export function mergedExample(): Json {
  const merged: Json = { resource: {} };
  for (const content of Object.values(loadExample())) {
    for (const [key, value] of Object.entries(content as Record<string, Json>)) {
      if (key === 'resource') {
        for (const [type, resources] of Object.entries(value as Record<string, Json>)) merged.resource[type] = { ...merged.resource[type], ...resources };
      } else if (key !== '//') {
        merged[key] = value;
      }
    }
  }
  return merged;
}
