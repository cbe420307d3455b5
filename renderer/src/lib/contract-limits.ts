import { methods } from '../../../preload/contract/methods.ts';
import { settingsSections } from '../../../preload/contract/settings.ts';

/** The part of a zod string schema this needs: its max length (zod 4 exposes it), maybe behind .optional(). */
interface MaybeString {
  maxLength?: number | null;
  unwrap?: () => unknown;
}

/**
 * The longest text the contract accepts for one field, so an input refuses the extra characters as they
 * are typed instead of the core refusing the whole form. Undefined when the schema sets no maximum.
 */
export function maxLengthOf(schema: unknown): number | undefined {
  let s = schema as MaybeString | undefined;
  // .optional() / .nullable() wrap the string; a few levels at most.
  for (let i = 0; i < 4 && s && typeof s.unwrap === 'function' && s.maxLength === undefined; i++) s = s.unwrap() as MaybeString;
  const max = s?.maxLength;
  return typeof max === 'number' && Number.isFinite(max) ? max : undefined;
}

const renameShape = methods['devices.rename'].params.shape;

/** maxLength for the rename form's fields, read from the `devices.rename` schema. */
export const renameLimits = {
  name: maxLengthOf(renameShape.name),
  room: maxLengthOf(renameShape.room),
  notes: maxLengthOf(renameShape.notes),
};

/** maxLength of the site name, read from the settings schema. */
export const siteNameMaxLength = maxLengthOf(settingsSections.site.schema.shape.name);

/** maxLength of a threshold rule's metric name, read from the settings schema. */
export const thresholdMetricMaxLength = maxLengthOf(settingsSections.thresholds.schema.element.shape.metric);
