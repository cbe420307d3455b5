import { ComingSoon } from '../components/ComingSoon.tsx';

export function ScenesPage() {
  return (
    <ComingSoon title="Scenes" intro="DMX lighting control for the lighting tech. Planned for this page:">
      <li>Scene and cue buttons (walk-in, house to half, show, blackout) with timed fades</li>
      <li>HTP/LTP merge per channel, shown for each source</li>
      <li>Grand master fader and a blackout button that always wins</li>
      <li>Universe view: all 512 channels as they go out on the wire, per universe</li>
      <li>Output health: Enttec USB unplugged/replugged, Art-Net nodes lost/found</li>
    </ComingSoon>
  );
}
