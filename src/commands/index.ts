import { officeReady } from '../office/host';
import { AddinControllers } from '../controllers/addin-controller';
import { createAddinServices } from '../taskpane/services';
import { ribbonHost } from '../office/ribbon';
import { registerCommands } from './register-commands';

/**
 * commands.html: for hosts that load the function file on its own page (no shared runtime).
 * With the shared runtime the task pane page registers the same commands (src/taskpane/index.tsx).
 */
void officeReady().then(() => {
  const services = createAddinServices();
  registerCommands(new AddinControllers(services), ribbonHost());
});
