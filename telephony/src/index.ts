export { sipCredentials, sipPassword, verifySipCredentials, type SipCredentials } from './credentials.js';
export { renderKamailioConfig, kamailioModuleDir, missingKamailioPackages, KAMAILIO_CFG, type KamailioSettings } from './kamailio/config.js';
export { startKamailio, kamailioAvailable, type KamailioServer, type StartKamailioOptions } from './kamailio/process.js';
