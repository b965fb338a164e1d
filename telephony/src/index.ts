export { sipCredentials, sipPassword, verifySipCredentials, type SipCredentials } from './credentials.js';
export { renderKamailioConfig, kamailioRpcUrl, kamailioModuleDir, missingKamailioPackages, KAMAILIO_CFG, type KamailioSettings } from './kamailio/config.js';
export { startKamailio, kamailioAvailable, type KamailioServer, type StartKamailioOptions } from './kamailio/process.js';
export { KamailioRpc, KamailioRpcError, kamailioRpcToken } from './kamailio/rpc.js';
