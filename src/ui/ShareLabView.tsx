import { useEffect, useId, useState } from 'react';
import { useChallengeStore } from '../store/challengeStore';
import { currentLink } from '../store/linkSync';
import { useShareLabStore } from '../store/shareLabStore';
import { useDialogFocus } from './useDialogFocus';
import './shareLab.css';

/** The address to type: host and path, no scheme, no settings. */
function shortAddress(href: string): string {
  const url = new URL(href);
  return `${url.host}${url.pathname}`.replace(/\/$/, '');
}

/** Addresses other laptops in the room cannot open. */
const LOCAL_HOSTS = /^(localhost|127\.|\[::1\]|0\.0\.0\.0)/;

type Target = 'experiment' | 'lab';

/** Tab and Shift+Tab stay inside a modal dialog. */
function keepTabInside(e: React.KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Tab') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('button, input, [tabindex="0"]')].filter((el) => !el.hasAttribute('disabled'));
  if (!items.length) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (e.shiftKey && (document.activeElement === first || document.activeElement === e.currentTarget)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/** The QR code of a link as SVG markup, or why there is none (a link too long for a QR code). qrcode is loaded on first use. */
function useQrSvg(text: string): { svg: string | null; error: string | null } {
  const [state, setState] = useState<{ text: string; svg: string | null; error: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((qr) => qr.default.toString(text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 }))
      .then((svg) => live && setState({ text, svg, error: null }))
      .catch((err: unknown) =>
        live && setState({ text, svg: null, error: `No QR code: the link is ${text.length} characters, too long for one (${err instanceof Error ? err.message : String(err)}). Use the address below, or the lab's plain address.` }),
      );
    return () => {
      live = false;
    };
  }, [text]);
  return state?.text === text ? state : { svg: null, error: null };
}

function ShareLabDialog({ close }: { close: () => void }) {
  const id = useId();
  const ref = useDialogFocus<HTMLDivElement>();
  const shown = useShareLabStore((s) => s.shown);
  const challenge = useChallengeStore((s) => s.active);
  const [target, setTarget] = useState<Target>('experiment');
  // Participants open it on their own screens: never in presentation mode.
  const experiment = shown ?? { url: currentLink({ present: false }).url, what: challenge ? `Challenge: ${challenge.title}` : 'This experiment, with its settings' };
  const plain = `${location.origin}${location.pathname}`;
  const url = target === 'lab' ? plain : experiment.url;
  const { svg, error } = useQrSvg(url);
  const address = shortAddress(plain);
  const local = LOCAL_HOSTS.test(new URL(plain).hostname);

  return (
    <div className="share-lab-backdrop">
      <div className="share-lab" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} tabIndex={-1} ref={ref} onKeyDown={keepTabInside} data-testid="share-lab">
        <h2 id={`${id}-title`}>Join in one scan</h2>
        <div className="share-lab-body">
          <div className="share-lab-qr" data-testid="share-lab-qr">
            {svg ? (
              // The markup is qrcode's own SVG of the link, not user text.
              <div role="img" aria-label={`QR code of ${target === 'lab' ? "the lab's address" : experiment.what}`} dangerouslySetInnerHTML={{ __html: svg }} />
            ) : (
              <p className={error ? 'error' : 'muted'} role={error ? 'alert' : undefined}>
                {error ?? 'Drawing the QR code…'}
              </p>
            )}
          </div>
          <div className="share-lab-text">
            <p className="share-lab-what" data-testid="share-lab-what">
              {target === 'lab' ? 'The lab, with its usual settings' : experiment.what}
            </p>
            <p className="share-lab-or">or open</p>
            <p className="share-lab-address" data-testid="share-lab-address">
              {address}
            </p>
            {local && (
              <p className="warning-text" data-testid="share-lab-local">
                {address} opens on this computer only. Serve the lab on the room's network (npm run serve:lan) or from a host: see docs/deploy.md.
              </p>
            )}
            <fieldset className="share-lab-target">
              <legend>The code opens</legend>
              <label>
                <input type="radio" name={`${id}-target`} checked={target === 'experiment'} onChange={() => setTarget('experiment')} /> {shown ? shown.what : challenge ? 'this challenge' : 'this experiment'}
              </label>
              <label>
                <input type="radio" name={`${id}-target`} checked={target === 'lab'} onChange={() => setTarget('lab')} data-testid="share-lab-plain" /> just the lab
              </label>
            </fieldset>
            <input className="link-box" readOnly value={url} aria-label="the link in the QR code" onFocus={(e) => e.currentTarget.select()} data-testid="share-lab-link" />
            <button type="button" onClick={close} data-testid="share-lab-close">
              Close <kbd>Esc</kbd>
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}

/** "Share this lab", for the projector: a large QR code of the current experiment or challenge link, and the short address. Key Q, Esc closes. */
export function ShareLabView() {
  const open = useShareLabStore((s) => s.open);
  const close = useShareLabStore((s) => s.close);
  return open ? <ShareLabDialog close={close} /> : null;
}
