import { useClassSweepStore } from '../../store/classSweepStore';
import { ClassSweepPanel } from './ClassSweepPanel';
import './teach.css';

/** Above Start, while this browser takes part in a class sweep. */
export function ClassSweepMount() {
  const sweep = useClassSweepStore((s) => s.sweep);
  return sweep ? <ClassSweepPanel sweep={sweep} /> : null;
}
