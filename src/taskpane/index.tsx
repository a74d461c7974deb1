import { createRoot } from 'react-dom/client';
import { ribbonHost } from '../office/ribbon';
import { registerCommands } from '../commands/register-commands';
import { officeReady, readHostInfo } from '../office/host';
import { AddinControllers } from '../controllers/addin-controller';
import { App } from './App';
import { createAddinServices } from './services';

/**
 * Task pane page, which is also the shared runtime of the ribbon commands (Microsoft's
 * shared-runtime pattern): one controller serves both.
 */
void officeReady().then(() => {
  const host = readHostInfo();
  const services = createAddinServices(host);
  const controllers = new AddinControllers(services);
  registerCommands(controllers, ribbonHost());
  const container = document.getElementById('root');
  if (container) createRoot(container).render(<App controllers={controllers} dark={host.dark} />);
  void controllers.template.start();
});
