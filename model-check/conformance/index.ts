/**
 * Holding an implementation to a twin: property tests over random behaviours
 * (fast-check) and validation of implementation logs.
 *
 * @module
 */
export { type Behaviour, type BehaviourOptions, behaviourOf, behaviours, replayChoices } from "./behaviours.js";
export { type AgreementOptions, BehaviourError, invariantsHold, modelsAgree } from "./properties.js";
export { type AssertOptions, assertBehaviours } from "./assert.js";
export { type EventJson, EventFormatError, type LoggedEvent, eventOf, eventsOf, parseEvent, parseEvents } from "./events.js";
export { type LogValidation, validateLog } from "./validate-log.js";
