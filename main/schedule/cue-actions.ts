import type { CueAction, CueTrigger } from '../../preload/contract/schedule.ts';

/**
 * What a cue does, carried out through the capabilities that own it. The DMX engine's scene and cue-list
 * GO come in through `CueTargets`; MQTT publish goes through `MqttPublisher` (the MQTT service's
 * `cuePublisher()`). Where no publisher is given, `mqtt()` answers null and the cue is reported
 * "MQTT is not set up" on the timeline instead of pretending to have published; a publisher that refuses
 * (broker off, connection down) is reported with its reason.
 */

export interface MqttPublisher {
  /** Publish on the console's MQTT connection; rejects (with a sentence) when it cannot. */
  publish(topic: string, payload: string, options: { retain: boolean }): Promise<void>;
}

export interface CueTargets {
  /** Scene GO (its own fade unless `fadeMs`); resolves with the scene's name, rejects when it is gone or DMX is off. */
  sceneGo(sceneId: string, fadeMs: number | undefined): Promise<{ name: string }>;
  /** GO on a cue list: its next cue. */
  cueListGo(cueListId: string): Promise<{ name: string }>;
  /** Names for messages (undefined when the scene or list no longer exists). */
  sceneName(sceneId: string): string | undefined;
  cueListName(cueListId: string): string | undefined;
  /** The MQTT connection to publish on, or null when this console has none to offer. */
  mqtt(): MqttPublisher | null;
}

export interface CueResult {
  ok: boolean;
  /** What happened, for the timeline: "scene “Walk-in” GO" / "could not fire: …". */
  text: string;
}

export function describeTrigger(trigger: CueTrigger): string {
  switch (trigger.kind) {
    case 'onStart':
      return 'on start';
    case 'onEnd':
      return 'on end';
    case 'beforeStart':
      return `${trigger.minutes} min before start`;
  }
}

export function describeAction(action: CueAction, targets?: Pick<CueTargets, 'sceneName' | 'cueListName'>): string {
  switch (action.type) {
    case 'scene.go':
      return `scene “${targets?.sceneName(action.sceneId) ?? action.sceneId}” GO`;
    case 'cuelist.go':
      return `cue list “${targets?.cueListName(action.cueListId) ?? action.cueListId}” GO`;
    case 'mqtt.publish':
      return `MQTT publish to “${action.topic}”`;
    case 'alert':
      return `alert “${action.message}”`;
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Carry a cue's action out. Never throws: a failure comes back as a sentence. Alerts are the caller's (the timeline). */
export async function runCueAction(action: CueAction, targets: CueTargets): Promise<CueResult> {
  try {
    switch (action.type) {
      case 'scene.go': {
        const { name } = await targets.sceneGo(action.sceneId, action.fadeMs);
        return { ok: true, text: `scene “${name}” GO` };
      }
      case 'cuelist.go': {
        const { name } = await targets.cueListGo(action.cueListId);
        return { ok: true, text: `cue list “${name}” GO` };
      }
      case 'mqtt.publish': {
        const mqtt = targets.mqtt();
        if (!mqtt) return { ok: false, text: `MQTT publish to “${action.topic}” not sent: MQTT is not set up in this console` };
        await mqtt.publish(action.topic, action.payload, { retain: action.retain ?? false });
        return { ok: true, text: `MQTT published to “${action.topic}”` };
      }
      case 'alert':
        return { ok: true, text: `alert “${action.message}”` };
    }
  } catch (error) {
    return { ok: false, text: `${describeAction(action, targets)} could not fire: ${reason(error)}` };
  }
}
