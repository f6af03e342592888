import { UserError } from '../errors.ts';
import type { LiveOptions, LiveResult } from '../liveTypes.ts';

export async function loadLive(_options: LiveOptions): Promise<LiveResult> {
  throw new UserError('live clusters are not supported yet: use --from with a saved bundle');
}
