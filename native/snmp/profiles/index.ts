import type { SnmpProfile } from '../profile.ts';
import { createGenericProfile, type GenericOptions } from './generic.ts';
import { createGeistProfile } from './geist.ts';
import { createSwitchProfile, type SwitchOptions } from './switch.ts';

export type ProfileSpec = { profile: 'geist' } | ({ profile: 'switch' } & SwitchOptions) | ({ profile: 'generic' } & GenericOptions);

/** The profile a target's settings name. Profiles are cheap; make one per target (or share: they hold no state). */
export function createProfile(spec: ProfileSpec): SnmpProfile {
  switch (spec.profile) {
    case 'geist':
      return createGeistProfile() as SnmpProfile;
    case 'switch':
      return createSwitchProfile(spec) as SnmpProfile;
    case 'generic':
      return createGenericProfile(spec) as SnmpProfile;
  }
}

export { createGeistProfile, createGenericProfile, createSwitchProfile };
