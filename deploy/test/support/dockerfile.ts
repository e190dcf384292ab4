// A Dockerfile read as its stages and instructions (continuation lines joined, comments dropped).
import { readFileSync } from 'node:fs';

export interface DockerfileStage {
  name: string;
  from: string;
  instructions: Array<{ keyword: string; args: string }>;
}

export function readDockerfile(file: string): DockerfileStage[] {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: DockerfileStage[] = [];
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from = '', , name = `stage-${stages.length}`] = args.split(/\s+/);
      stages.push({ name, from, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** The values of an instruction in a stage, e.g. every `ENV` line. */
export function instructionArgs(stage: DockerfileStage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}

/** `ENV A=1 B=2` lines of a stage as one map. */
export function stageEnv(stage: DockerfileStage): Map<string, string> {
  return new Map(instructionArgs(stage, 'ENV').flatMap((args) => [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(\S+)/g)].map(([, key, value]): [string, string] => [key!, value!])));
}
