import type { scheduleMethods } from '../../../preload/contract/schedule-api.ts';
import type { ScheduleService } from '../../schedule/service.ts';
import type { HandlersFor } from '../router.ts';

export interface ScheduleHandlerDeps {
  schedule: ScheduleService;
}

/** The running order's methods over its service (which stores, projects, fires cues and writes the timeline). */
export function createScheduleHandlers({ schedule }: ScheduleHandlerDeps): HandlersFor<keyof typeof scheduleMethods> {
  return {
    'schedule.get': (p) => schedule.apiView(p.date),
    'schedule.state': (p) => schedule.state(p.date),
    'schedule.days': () => schedule.list(),
    'schedule.start': (p, ctx) => schedule.startSet(p.id, p.at, p.date, ctx.via),
    'schedule.end': (p, ctx) => schedule.endSet(p.id, p.at, p.date, ctx.via),
    'schedule.next': (p, ctx) => schedule.nextSet(p.at, p.date, ctx.via),
    'schedule.undo': (p, ctx) => schedule.undo(p.date, ctx.via),
    'schedule.editActual': (p, ctx) => schedule.editActual(p.id, { actualStart: p.actualStart, actualEnd: p.actualEnd }, p.date, ctx.via),
    'schedule.add': (p) => schedule.add(p.entry, p.index, p.date),
    'schedule.update': (p) => schedule.update(p.id, p.patch, p.date),
    'schedule.remove': (p) => schedule.remove(p.id, p.date),
    'schedule.move': (p) => schedule.move(p.id, p.toIndex, p.date),
    'schedule.duplicateDay': (p, ctx) => schedule.duplicateDay(p.from, p.to, ctx.via),
    'schedule.clearDay': (p, ctx) => schedule.clearDay(p.date, ctx.via),
    'schedule.import': (p, ctx) => schedule.importCsv(p.csv, p.replace ?? false, ctx.via),
    'schedule.export': (p) => schedule.exportCsv(p.date, p.all),
    'schedule.report': (p) => schedule.report(p.date),
  };
}
