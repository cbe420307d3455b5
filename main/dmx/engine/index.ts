// Public face of the pure DMX engine (the worker wraps this; nothing here does I/O or reads a clock).
//
// Rules it keeps (each pinned by a test in test/main/dmx/engine/):
// - Universes 1..N, channels 1..512 in the API (0-based only inside the output buffers).
// - Merge per channel by patch: intensity and unpatched channels HTP (highest wins); every other type LTP
//   (the latest CHANGE wins: a source re-sending an unchanged value, or a GO whose value for a channel equals
//   where the playback was already heading, takes nothing over). "Latest" is the order of calls, not `now`.
// - A 16-bit pair is one value: compared, faded, scaled as 16 bits, both bytes from the same layer.
// - Grand master × blackout scale intensity-like channels: intensity, unpatched, and the colour channels of a
//   fixture that has no intensity channel (so an RGB par goes dark too). Pan/tilt/generic are never scaled.
// - Fades are a function of time only: value = start + (target − start) × (now − goTime) / fadeMs.
//   GO: HTP channels start from the playback's own value, LTP channels from the merged (pre-master) output.
//   Channels dropped by a GO or a release fade out on the same clock: HTP to 0, LTP towards what is
//   underneath (the next-latest source, else 0), then leave the layer. One fade clock per layer.
// - Cue auto-follow (followMs) is a hold after the cue's fade ENDS: next GO at goTime + fadeMs + followMs.
//   BACK does not arm a follow; GO, jump and a follow do. Late ticks fire each step at its own due time.
// - render(now) merges only universes whose sources changed, that a fade touches, or all of them when
//   grand master × blackout changed; `changed` flags and the returned list say which outputs changed.
export { DmxEngine } from './engine.ts';
export type { CueListStatus, DmxEngineOptions, LayerInfo, Look, PlaybackStatus, Result } from './engine.ts';
export type { BlackoutStatus } from './master.ts';
export type { LayerKind } from './layer.ts';
export { resolveCueList } from './cue-list.ts';
export type { EngineCue, EngineCueList, Resolved } from './cue-list.ts';
export { compilePatch, KIND_HTP, KIND_LTP, KIND_LTP_MASTERED } from './patch.ts';
export type { ChannelKind, CompiledPatch, UniversePatch } from './patch.ts';
