import { useClassViewStore } from '../../store/classViewStore';
import { ClassView } from './ClassView';
import './teach.css';

/** After Share: the instructor's view of a whole class's results, folded away until wanted. */
export function ClassViewMount() {
  const collected = useClassViewStore((s) => s.view.sources.length > 0 || s.view.sweep !== null);
  return (
    <section aria-labelledby="class-title" className="class-view" data-testid="class-view">
      <h2 id="class-title">Class view</h2>
      <details open={collected || undefined}>
        <summary>Collect your participants' results links and run files</summary>
        <ClassView />
      </details>
    </section>
  );
}
