// Whether a stream gets colour: --color always|never decides; auto means a terminal, unless NO_COLOR
// (https://no-color.org) is set to anything but the empty string.
export type ColorMode = 'auto' | 'always' | 'never';

export function colorWanted(mode: ColorMode, isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  return isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
