#!/bin/bash
# Studio lifecycle configuration (JupyterLab): shut idle spaces down so nobody pays for a forgotten notebook.
# Runs when a JupyterLab space starts, before the Jupyter server; it only writes server configuration, so it
# needs no internet access (the domain is VPC-only). The platform fills in IDLE_MINUTES from
# mlops:workbench.idleShutdownMinutes.
set -euo pipefail

IDLE_MINUTES=@IDLE_MINUTES@
IDLE_SECONDS=$((IDLE_MINUTES * 60))
CONFIG_DIR="${HOME:-/home/sagemaker-user}/.jupyter"

mkdir -p "$CONFIG_DIR"
cat > "$CONFIG_DIR/jupyter_server_config.py" <<CONFIG
# Written by the mlops idle-shutdown lifecycle configuration; changes are overwritten at the next start.
c.ServerApp.shutdown_no_activity_timeout = ${IDLE_SECONDS}
c.MappingKernelManager.cull_idle_timeout = ${IDLE_SECONDS}
c.MappingKernelManager.cull_interval = 300
c.MappingKernelManager.cull_connected = True
c.MappingKernelManager.cull_busy = False
c.TerminalManager.cull_inactive_timeout = ${IDLE_SECONDS}
c.TerminalManager.cull_interval = 300
CONFIG
echo "idle shutdown after ${IDLE_MINUTES} minutes configured in $CONFIG_DIR/jupyter_server_config.py"
