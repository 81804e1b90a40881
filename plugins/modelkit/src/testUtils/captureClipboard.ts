/**
 * Records what copy buttons put on the clipboard. The buttons copy through
 * `document.execCommand('copy')` on a selection, which jsdom does not
 * implement; this stands in for it and keeps the selected text.
 *
 * @returns The texts copied so far, and a function that restores the document.
 */
export function captureClipboard(): { copied: string[]; restore(): void } {
  const copied: string[] = [];
  Object.defineProperty(document, 'execCommand', {
    configurable: true,
    value: (command: string) => {
      if (command === 'copy') {
        copied.push(document.getSelection()?.toString() ?? '');
      }
      return true;
    },
  });
  return {
    copied,
    restore: () => {
      delete (document as { execCommand?: unknown }).execCommand;
    },
  };
}
