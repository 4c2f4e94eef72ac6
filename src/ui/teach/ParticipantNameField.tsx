import { useId } from 'react';
import { cleanParticipantName, MAX_PARTICIPANT_CHARS } from '../../share/participant';
import { useParticipantStore } from '../../store/participantStore';
import './teach.css';

/** The participant's name, which goes into their results links and run files (for the instructor's class view). */
export function ParticipantNameField() {
  const id = useId();
  const name = useParticipantStore((s) => s.name);
  const setName = useParticipantStore((s) => s.setName);
  const { error } = cleanParticipantName(name);
  return (
    <div className="teach-field participant-name">
      <label htmlFor={id}>Your name (goes into your results link)</label>
      <input
        id={id}
        value={name}
        maxLength={MAX_PARTICIPANT_CHARS + 10}
        autoComplete="nickname"
        onChange={(e) => setName(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-problem` : undefined}
        data-testid="participant-name"
      />
      {error && (
        <span id={`${id}-problem`} className="error-text">
          {error}; the link will carry no name.
        </span>
      )}
    </div>
  );
}
