export { SimulatedCarrier, type CarrierEvent, type CarrierListener, type CarrierOptions, type InboundCaller, type OutboundBehaviour, type Party, type SimCallInfo } from './carrier.js';
export { ManualClock, systemClock, type Clock } from './clock.js';
