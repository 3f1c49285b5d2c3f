/** Configuration files in config/: read once, validated by the capability that owns them. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CONFIG_DIR = fileURLToPath(new URL('../../config/', import.meta.url));

const cache = new Map<string, unknown>();

/** The parsed JSON of config/<name>.json (the "$comment" key is documentation). */
export function readConfig(name: string): unknown {
  if (!cache.has(name)) {
    cache.set(name, JSON.parse(readFileSync(`${CONFIG_DIR}${name}.json`, 'utf8')) as unknown);
  }
  return cache.get(name);
}
