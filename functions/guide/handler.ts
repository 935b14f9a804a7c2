import { lambdaHandler } from '../http/lambda.js';
import { app } from './app.js';

export const handler = lambdaHandler(app);
