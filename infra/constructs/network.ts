/**
 * The VPC: private isolated subnets only (no NAT gateway, no internet gateway), flow logs, and
 * the interface endpoints the functions inside it call. Only the API functions live here (they
 * need Redis); the relay, worker, sweeper and migrate functions stay outside the VPC and reach
 * SQS and the RDS Data API over the public AWS endpoints, which also gives the `webhook` task
 * type internet egress without a NAT gateway.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionPlacement } from './node-function.ts';

export interface NetworkProps {
  /** AZs of the VPC; Aurora and ElastiCache need two. */
  readonly maxAzs: number;
  /** AZs that get an ENI of each interface endpoint (each is billed per hour). */
  readonly endpointAzs: number;
  readonly logRetentionDays: number;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  /** The security group of the functions in the VPC: HTTPS to the endpoints, Redis to the cache. */
  readonly functionSecurityGroup: ec2.SecurityGroup;
  readonly endpoints: ec2.InterfaceVpcEndpoint[];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/16'),
      maxAzs: props.maxAzs,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
      restrictDefaultSecurityGroup: true,
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    this.functionSecurityGroup = new ec2.SecurityGroup(this, 'FunctionSecurityGroup', {
      vpc: this.vpc,
      description: 'Taskforge functions in the VPC (API): HTTPS to the VPC endpoints, TLS to the cache',
      allowAllOutbound: false,
    });

    // The API functions call the RDS Data API (every route) and SQS (queue depths, dead letters,
    // redrive). Nothing else: logs and EMF metrics leave through the Lambda service, the Data API
    // reads the database secret itself, and Redis is in the VPC.
    const endpointSubnets = {
      subnets: this.vpc.isolatedSubnets.slice(0, props.endpointAzs),
    };
    const services: Array<[string, ec2.InterfaceVpcEndpointAwsService]> = [
      ['RdsDataEndpoint', ec2.InterfaceVpcEndpointAwsService.RDS_DATA],
      ['SqsEndpoint', ec2.InterfaceVpcEndpointAwsService.SQS],
    ];
    this.endpoints = services.map(([endpointId, service]) => {
      const endpoint = this.vpc.addInterfaceEndpoint(endpointId, {
        service,
        subnets: endpointSubnets,
        privateDnsEnabled: true,
        open: false,
      });
      endpoint.connections.allowDefaultPortFrom(this.functionSecurityGroup, 'HTTPS from the API functions');
      return endpoint;
    });
  }

  /** Where the API functions go: the isolated subnets, with the function security group. */
  functionPlacement(): FunctionPlacement {
    return {
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [this.functionSecurityGroup],
    };
  }
}
