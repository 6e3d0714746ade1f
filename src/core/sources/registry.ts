import type { SourceId } from '../types';
import { claudeSource } from './claude/claudeSource';
import { codexSource } from './codex/codexSource';
import type { LogSource } from './logSource';

export const SOURCES: Record<SourceId, LogSource> = { claude: claudeSource, codex: codexSource };
