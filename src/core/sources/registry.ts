import type { SourceId } from '../types';
import { aiderSource } from './aider/aiderSource';
import { ampSource } from './amp/ampSource';
import { antigravitySource } from './antigravity/antigravitySource';
import { claudeSource } from './claude/claudeSource';
import { clineSource, kiloCodeSource, rooCodeSource } from './cline/clineFamily';
import { codebuffSource } from './codebuff/codebuffSource';
import { codexSource } from './codex/codexSource';
import { copilotSource } from './copilot/copilotSource';
import { copilotChatSource } from './copilot-chat/copilotChatSource';
import { cursorSource } from './cursor/cursorSource';
import { droidSource } from './droid/droidSource';
import { geminiSource } from './gemini/geminiSource';
import { gooseSource } from './goose/gooseSource';
import { grokSource } from './grok/grokSource';
import { hermesSource } from './hermes/hermesSource';
import { kiloSource } from './kilo-cli/kiloSource';
import { kimiSource } from './kimi/kimiSource';
import { opencodeSource } from './opencode/opencodeSource';
import { openclawSource } from './openclaw/openclawSource';
import { piSource } from './pi/piSource';
import { qwenSource } from './qwen/qwenSource';
import { zcodeSource } from './zcode/zcodeSource';
import type { LogSource } from './logSource';

export const SOURCES: Record<SourceId, LogSource> = {
  claude: claudeSource,
  codex: codexSource,
  gemini: geminiSource,
  cline: clineSource,
  'roo-code': rooCodeSource,
  'kilo-code': kiloCodeSource,
  copilot: copilotSource,
  opencode: opencodeSource,
  pi: piSource,
  amp: ampSource,
  aider: aiderSource,
  'copilot-chat': copilotChatSource,
  cursor: cursorSource,
  qwen: qwenSource,
  droid: droidSource,
  openclaw: openclawSource,
  hermes: hermesSource,
  goose: gooseSource,
  kimi: kimiSource,
  'kilo-cli': kiloSource,
  codebuff: codebuffSource,
  grok: grokSource,
  zcode: zcodeSource,
  antigravity: antigravitySource,
};
