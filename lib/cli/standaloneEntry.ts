// The entry point of the single executable (npm run release): the binary's own argv after its path.
import { main } from './main.ts';

void main(process.argv.slice(2));
