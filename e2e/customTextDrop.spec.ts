import { expect, test, type Page } from '@playwright/test';
import { openLab, watchConsoleErrors } from './helpers';

/** Drops a file, made in the page, on the text panel as a file manager's drag and drop does. */
async function dropFile(page: Page, name: string, content: string | number[]): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([n, c]) => {
      const data = new DataTransfer();
      data.items.add(new File([typeof c === 'string' ? c : new Uint8Array(c)], n));
      return data;
    },
    [name, content] as const,
  );
  await page.getByTestId('custom-text').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.getByTestId('custom-text').dispatchEvent('drop', { dataTransfer: transfer });
}

test('a file dropped on the text panel: a binary one is refused by name and changes nothing; a markdown file becomes the domain', async ({ page }) => {
  const errors = watchConsoleErrors(page);
  await openLab(page, 'preset=text-ignore&backend=wasm&domain=custom');
  const current = page.getByTestId('custom-text-current');
  await expect(current).toContainText('No text yet');

  await dropFile(page, 'scan.pdf', [0x25, 0x50, 0x44, 0x46, 0, 0, 1, 2, 3, 0]);
  await expect(page.getByTestId('custom-text-error')).toContainText('scan.pdf looks like a binary file');
  await expect(current).toContainText('No text yet');

  const notes = '# Field notes\n\nThe river rose two feet overnight; we moved the boats up the bank.\n'.repeat(160);
  await dropFile(page, 'notes.md', notes);
  await expect(current).toContainText('Training on notes.md');
  await expect(current).toContainText(`${notes.length.toLocaleString('en-US')} characters`);
  await expect(page.getByTestId('custom-text-error')).toHaveCount(0);
  await expect.poll(() => page.url()).toMatch(/domainName=notes\.md/);
  expect(errors).toEqual([]);
});
