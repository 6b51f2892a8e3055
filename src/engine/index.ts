// The engine's public surface: event queue, kernel and processes, resources, meetings, calendars, time, random streams, distributions.
export * from './event-queue.js';
export * from './simulation.js';
export * from './resource.js';
export * from './meeting.js';
export * from './random.js';
export * from './calendar.js';
export * from './time.js';
export * from './distributions.js';
export * from './number-queue.js';
