/**
 * What the action uses of @actions/core, named: a bundle keeps only these (and what they use),
 * where importing the package as a whole would keep all of it.
 */
export { setFailed, setOutput, summary } from '@actions/core';
