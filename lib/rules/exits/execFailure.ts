// The start-failure parser lives in shared/ (probes read a probe's exec error with it too); the exits family
// keeps importing it from here.
export * from '../shared/execFailure.ts';
