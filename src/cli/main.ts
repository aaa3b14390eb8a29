#!/usr/bin/env node
import 'reflect-metadata';
import { cli } from './commands';

void cli();
