import {
  AttestationReport,
  ModelKitDiff,
  PromotionEvaluation,
} from '@kitstage/plugin-modelkit-common';

/** Markdown-safe inline text: no HTML, no code span breaks, one line. */
function inline(value: string, max = 300): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>&]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' }[c]!))
    .replace(/`/g, "'")
    .slice(0, max);
}

function code(value: string): string {
  return `\`${inline(value, 400)}\``;
}

function formatBytes(delta: number): string {
  let sign = '±';
  if (delta > 0) sign = '+';
  if (delta < 0) sign = '-';
  const abs = Math.abs(delta);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = abs;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${sign}${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * The diff section of a promotion pull request.
 *
 * @internal
 */
export function describeDiff(diff: ModelKitDiff | undefined, note?: string) {
  if (!diff) {
    return [`_${inline(note ?? 'No previous version to compare with.')}_`];
  }
  if (diff.identical) {
    return ['The new reference pins the version already in effect.'];
  }
  const lines = [
    `From ${code(diff.from.reference)} (${code(diff.from.digest)}) to ${code(
      diff.to.reference,
    )} (${code(diff.to.digest)}), size ${formatBytes(diff.sizeDelta)}.`,
    '',
  ];
  if (diff.kitfile.length) {
    lines.push(`Kitfile (${diff.kitfile.length} fields):`, '');
    for (const change of diff.kitfile.slice(0, 25)) {
      lines.push(`- ${code(change.path)} ${change.change}`);
    }
    if (diff.kitfile.length > 25) {
      lines.push(`- … and ${diff.kitfile.length - 25} more`);
    }
    lines.push('');
  } else {
    lines.push('Kitfile: unchanged.', '');
  }
  const parts = diff.parts.filter(part => part.change !== 'unchanged');
  if (parts.length) {
    lines.push(`Parts (${parts.length} of ${diff.parts.length} differ):`, '');
    for (const part of parts.slice(0, 25)) {
      lines.push(
        `- ${part.kind}${part.path ? ` ${code(part.path)}` : ''} ${
          part.change
        } (${formatBytes(part.sizeDelta)})`,
      );
    }
    lines.push('');
  } else {
    lines.push('Parts: unchanged.', '');
  }
  return lines;
}

/**
 * The attestation section of a promotion pull request.
 *
 * @internal
 */
export function describeAttestations(
  evaluation: PromotionEvaluation,
  report: AttestationReport | undefined,
): string[] {
  const policyGate = evaluation.gates.find(gate => gate.gate === 'policy');
  const lines: string[] = [];
  if (!report) {
    lines.push(
      '_The environment requires no attestation policy; attestations were not checked._',
    );
    return lines;
  }
  const counts = Object.entries(report.counts)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`);
  lines.push(
    `Attestations: ${counts.length ? counts.join(', ') : 'none found'}.`,
  );
  if (policyGate) {
    lines.push(`Policy: ${inline(policyGate.message, 500)}`);
  }
  lines.push('');
  for (const attestation of report.attestations.slice(0, 20)) {
    lines.push(
      `- ${attestation.state}: ${attestation.kind}${
        attestation.predicateType ? ` ${code(attestation.predicateType)}` : ''
      }${
        attestation.signer?.trustedName
          ? ` by ${inline(attestation.signer.trustedName)}`
          : ''
      }`,
    );
  }
  return lines;
}

/**
 * Title and Markdown body of a promotion pull request. Every value from the catalog, the
 * registry or the user is escaped; the override reason is quoted.
 *
 * @internal
 */
export function buildPromotionPullRequest(options: {
  evaluation: PromotionEvaluation;
  files: string[];
  previousReferences: string[];
  diff?: ModelKitDiff;
  diffNote?: string;
  report?: AttestationReport;
  override?: { reason: string; by?: string };
}): { title: string; body: string; overrideNote?: string } {
  const { evaluation } = options;
  const { target } = evaluation;
  const version = target.tag ?? target.digest!.slice(0, 19);
  const title = `Promote ${target.modelKitEntityRef.replace(
    /^modelkit:(default\/)?/,
    '',
  )} ${version} to ${evaluation.environment}`;
  const overrideNote = options.override
    ? [
        `**Gate overridden** by ${inline(
          options.override.by ?? 'the initiator',
        )} (permission kitstage.modelkit.promote.override). Refused gates:`,
        '',
        ...evaluation.refusals.map(r => `- ${inline(r, 500)}`),
        '',
        'Reason:',
        '',
        ...options.override.reason
          .slice(0, 2000)
          .split(/\r?\n/)
          .map(line => `> ${inline(line, 2000)}`),
      ].join('\n')
    : undefined;
  const body = [
    `Promotes ${code(target.modelKitEntityRef)} ${code(version)} to **${inline(
      evaluation.environment,
    )}** of ${code(evaluation.componentEntityRef)}, pinned by digest:`,
    '',
    code(target.pinnedReference!),
    '',
    '### What changes',
    '',
    ...options.files.map(file => `- ${code(file)}`),
    '',
    `Previously: ${
      options.previousReferences.map(code).join(', ') || '_no reference_'
    }`,
    '',
    '### Version diff',
    '',
    ...describeDiff(options.diff, options.diffNote),
    '',
    '### Attestations of the target',
    '',
    ...describeAttestations(evaluation, options.report),
    '',
    '### Gates',
    '',
    ...evaluation.gates.map(
      gate =>
        `- ${gate.passed ? 'passed' : 'REFUSED'} ${gate.gate}: ${inline(
          gate.message,
          500,
        )}`,
    ),
    ...(overrideNote ? ['', '### Override', '', overrideNote] : []),
    '',
    '_Opened by the Kitstage promotion template (kitstage:modelkit:promote)._',
    '',
  ].join('\n');
  return { title, body, overrideNote };
}
