import '../../styles/serial-dmx.css';
import { InputMonitors } from './InputMonitors.tsx';
import { SerialDevices } from './SerialDevices.tsx';

/** The Scenes page's serial DMX part: the USB widget and serial devices, then the input monitors. */
export function SerialDmxPanel({ canControl }: { canControl: boolean }) {
  return (
    <>
      <SerialDevices canControl={canControl} />
      <InputMonitors canControl={canControl} />
    </>
  );
}
