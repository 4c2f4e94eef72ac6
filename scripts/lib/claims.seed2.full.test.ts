/** The full claims check for the committed skills report's seed no. 2 (the other seed is its own file, so the two run side by side): reportRerun.ts. */
import { rerunReportSeed } from './reportRerun';

rerunReportSeed(1);
