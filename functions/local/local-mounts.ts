import type { Config } from '../config';
import type { Mount } from './dev-server';

/** What the local stack serves beside the API: the mock providers, once they are mounted. */
export function localMounts(_config: Config, _baseUrl: string): readonly Mount[] {
  return [];
}
