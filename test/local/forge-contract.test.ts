import { forgeContract } from '../forge/contract.js';
import { localWorld } from './world.js';

forgeContract('local', localWorld);
