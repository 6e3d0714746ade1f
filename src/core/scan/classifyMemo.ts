// Agents run the same few commands over and over (`npm test`, `git status`): a scan classifies each
// distinct command line once per classifier. Results are shared between calls, so they are frozen.
import type { CommandClassifier } from '../activity/commandClassifier';

const MAX_ENTRIES = 8192;
const memos = new WeakMap<CommandClassifier, CommandClassifier>();

/** `classify` with its answers remembered (per classifier, so different test patterns never mix). */
export function memoClassifier(classify: CommandClassifier): CommandClassifier {
  let memo = memos.get(classify);
  if (!memo) {
    const answers = new Map<string, ReturnType<CommandClassifier>>();
    memo = (command) => {
      let answer = answers.get(command);
      if (answer === undefined) {
        answer = Object.freeze(classify(command).map((c) => Object.freeze(c))) as ReturnType<CommandClassifier>;
        if (answers.size >= MAX_ENTRIES) answers.clear();
        answers.set(command, answer);
      }
      return answer;
    };
    memos.set(classify, memo);
  }
  return memo;
}
