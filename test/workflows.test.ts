import { join } from 'node:path';
import { ROOT } from './helpers/policy.js';
import { describeWorkflowRules } from './helpers/workflow-rules.js';

describeWorkflowRules(join(ROOT, '.github/workflows'));
