import { useRef } from 'react';
import { useNoticeStore } from '../store/noticeStore';
import { newRunId, useRunsStore } from '../store/runsStore';
import { settledStatus, type Run } from '../runs/run';
import { MAX_IMPORT_BYTES, runsFromJson, runsToCsv, runsToJson } from '../share/runFile';
import { downloadText } from './download';
import { participantName } from '../store/participantStore';
import { useChallengeStore } from '../store/challengeStore';
import { currentLink } from '../store/linkSync';
import { outsideHeldNote } from '../store/heldRuns';
import { keepCustomText, noteMissingTexts, textsForRuns } from '../store/customTexts';

/** The JSON export, with the participant's name and challenge for an instructor's class view, and the texts of one's own its runs trained on. */
async function exportJson(): Promise<void> {
  const participant = participantName();
  const challengeLink = useChallengeStore.getState().active ? currentLink().url : null;
  const suffix = participant ? `-${participant.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}` : '';
  const runs = useRunsStore.getState().runs;
  downloadText(`forgetting-lab-runs${suffix}.json`, runsToJson(runs, { participant, challengeLink }, await textsForRuns(runs)), 'application/json');
}

/** Export every run as JSON or CSV; import a JSON export back. */
export function FilesPanel() {
  const input = useRef<HTMLInputElement>(null);
  const count = useRunsStore((s) => s.runs.length);
  const notify = useNoticeStore((s) => s.notify);

  const importFile = async (file: File) => {
    if (file.size > MAX_IMPORT_BYTES) {
      notify(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the lab imports files up to ${MAX_IMPORT_BYTES / 1e6} MB. Nothing was imported.`, 'error');
      return;
    }
    const { runs, texts, error } = runsFromJson(await file.text());
    if (error) {
      notify(`${file.name} was not imported: ${error}. Your runs are unchanged.`, 'error');
      return;
    }
    // The texts of one's own first, each checked against its hash: a re-run finds them by it.
    try {
      for (const text of texts ?? []) await keepCustomText(text);
    } catch (err) {
      notify(`${file.name} was not imported: ${(err as Error).message}. Your runs are unchanged.`, 'error');
      return;
    }
    useRunsStore.getState().addMany(
      runs.map((r) => {
        const run: Run = { ...r, id: newRunId(), status: 'stopped', hidden: false, startedAt: Date.now(), origin: 'imported' };
        // Done or error as its events say; a run exported mid-way stays "stopped".
        return { ...run, status: settledStatus(run) };
      }),
    );
    void noteMissingTexts(runs);
    // Importing never changes the settings; runs made outside the link's held sections are named.
    const outside = outsideHeldNote(runs);
    notify(`Imported ${runs.length} run(s) from ${file.name}.${outside ? ` ${outside}` : ''}`, outside ? 'warning' : 'success');
  };

  return (
    <div className="files">
      <button type="button" disabled={!count} onClick={() => void exportJson()} data-testid="export-json">
        Export all runs (JSON)
      </button>
      <button type="button" disabled={!count} onClick={() => downloadText('forgetting-lab-runs.csv', runsToCsv(useRunsStore.getState().runs), 'text/csv')} data-testid="export-csv">
        Export all runs (CSV)
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Import runs (JSON)
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void importFile(file);
        }}
      />
    </div>
  );
}
