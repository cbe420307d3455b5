import { ComingSoon } from '../components/ComingSoon.tsx';

export function SchedulePage() {
  return (
    <ComingSoon title="Schedule" intro="The running order for the show operator. Planned for this page:">
      <li>Running order per day with planned and actual start/end times</li>
      <li>One click “start now” / “end now”, every action editable afterwards</li>
      <li>Slip (actual − planned) projected down the running order</li>
      <li>Curfew projection, always visible</li>
      <li>Cues that fire DMX scenes when a set starts or ends</li>
    </ComingSoon>
  );
}
