import { PolicyPreviewReply, RISK_LEVELS, RiskLevel } from '@mentoring/contracts';

export interface LevelRow {
  level: RiskLevel;
  now: number;
  proposed: number;
  /** "+3", "-2" or "no change". */
  difference: string;
}

/** What the preview page shows: students per level before and after, and each move in words. */
export interface PreviewView {
  studentsAssessed: number;
  wouldChange: number;
  levels: LevelRow[];
  moves: string[];
  changesAnything: boolean;
}

export function previewView(preview: PolicyPreviewReply): PreviewView {
  return {
    studentsAssessed: preview.studentsAssessed,
    wouldChange: preview.wouldChange,
    levels: RISK_LEVELS.map((level) => {
      const now = preview.levels.current[level] ?? 0;
      const proposed = preview.levels.proposed[level] ?? 0;
      return { level, now, proposed, difference: signed(proposed - now) };
    }),
    moves: preview.moves.map((move) => `${move.students} ${move.students === 1 ? 'student' : 'students'} from ${move.from} to ${move.to}`),
    changesAnything: preview.wouldChange > 0,
  };
}

function signed(difference: number): string {
  if (difference === 0) return 'no change';
  return difference > 0 ? `+${difference}` : String(difference);
}
