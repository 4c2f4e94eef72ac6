/**
 * A participant's name, as typed into the share panel and carried in their
 * results link (`participant=Ana`) and run files, so the instructor's class
 * view can say whose runs are whose. Short, one line, no control characters.
 */

export const PARTICIPANT_PARAM = 'participant';
export const MAX_PARTICIPANT_CHARS = 40;

/** The name as it is kept: spaces collapsed and trimmed, control characters dropped; null if empty or too long. */
export function cleanParticipantName(text: string): { name: string | null; error?: string } {
  // eslint-disable-next-line no-control-regex
  const name = text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!name) return { name: null };
  if (name.length > MAX_PARTICIPANT_CHARS) return { name: null, error: `the name is longer than ${MAX_PARTICIPANT_CHARS} characters` };
  return { name };
}
