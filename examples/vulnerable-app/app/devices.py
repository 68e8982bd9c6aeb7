"""Warehouse and store devices: label printers, scales, the supplier's FTP drop, racks (deliberately insecure)."""
import ftplib
import os
import telnetlib

import paramiko
from pyghmi.ipmi import command as ipmi_command
from pysnmp.hlapi import CommunityData, ContextData, ObjectIdentity, ObjectType, SnmpEngine, UdpTransportTarget, UsmUserData, getCmd

from . import settings


def upload_stock_report(path: str) -> None:
    # FTP: the supplier's login and the report travel in clear text.
    ftp = ftplib.FTP("ftp.supplier.example")
    ftp.login("shop", os.environ.get("SUPPLIER_FTP_PASSWORD", ""))
    with open(path, "rb") as fh:
        ftp.storbinary("STOR stock.csv", fh)
    ftp.quit()


def print_label(printer_host: str, zpl: str) -> None:
    # Telnet to the label printer: no encryption, no authentication of the device.
    tn = telnetlib.Telnet(printer_host, 9100, timeout=5)
    tn.write(zpl.encode())
    tn.close()


def tail_scale_log(host: str, logfile: str) -> str:
    client = paramiko.SSHClient()
    # Trusts whichever host answers: a man in the middle gets the session.
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="ops", key_filename="/srv/shop/keys/ops_ed25519", timeout=10)
    # The remote shell interprets the file name.
    _, stdout, _ = client.exec_command("tail -n 100 " + logfile)
    return stdout.read().decode()


def printer_status(host: str):
    # SNMPv1 with the default community string, sent in clear text.
    return next(getCmd(SnmpEngine(), CommunityData("public", mpModel=0), UdpTransportTarget((host, 161)), ContextData(), ObjectType(ObjectIdentity("SNMPv2-MIB", "sysDescr", 0))))


def scale_status(host: str):
    # SNMPv3 without auth and privacy keys (noAuthNoPriv).
    return next(getCmd(SnmpEngine(), UsmUserData("monitor"), UdpTransportTarget((host, 161)), ContextData(), ObjectType(ObjectIdentity("SNMPv2-MIB", "sysUpTime", 0))))


def power_cycle_rack(bmc_host: str) -> None:
    # IPMI exposes password hashes to anyone who asks (RAKP) and often runs unencrypted.
    bmc = ipmi_command.Command(bmc=bmc_host, userid="ADMIN", password=settings.DB_PASSWORD)
    bmc.set_power("reset", wait=True)
